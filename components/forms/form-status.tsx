import { Alert } from "@/components/ui/alert";

export function FormStatus({ status }: { status: { tone: "error" | "success"; text: string } | null }) {
  return <div aria-live="polite">{status && <Alert tone={status.tone}>{status.text}</Alert>}</div>;
}
