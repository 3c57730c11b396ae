/**
 * Hands a file made on the device to the browser as a download (documents, dossier exports).
 * Nothing leaves the device: the Blob gets an object URL that a temporary link clicks. The URL
 * is revoked a minute later rather than at once, because some browsers start reading the Blob
 * only after the click has returned.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
