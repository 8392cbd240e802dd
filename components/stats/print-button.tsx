"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; the page's print styles leave out the menu and the form. */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
