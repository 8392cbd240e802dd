import QRCode from "qrcode";

/**
 * A QR code as an SVG image: drawn as vector paths (no PNG encoding on the server, sharp at any
 * size and zoom), and made once per render of the cached page that shows it.
 */
export async function QrCode({ value, alt, className, testId }: { value: string; alt: string; className?: string; testId?: string }) {
  const svg = await QRCode.toString(value, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    // eslint-disable-next-line @next/next/no-img-element
    <img src={`data:image/svg+xml,${encodeURIComponent(svg)}`} alt={alt} width={96} height={96} className={className} data-testid={testId} />
  );
}
