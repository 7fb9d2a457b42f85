/**
 * What the add-on remembers between runs (last run, last automatic run, last digest, last form
 * response, Score history's place, its own tabs, the digest switch): one JSON value per document
 * property. A value that is missing or no longer reads as JSON counts as never written.
 * Apps Script keeps at most 9 KB a value (https://developers.google.com/apps-script/guides/services/quotas).
 */
export function readRecord<T>(key: string): T | null {
  const text = PropertiesService.getDocumentProperties().getProperty(key);
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function writeRecord(key: string, value: unknown): void {
  PropertiesService.getDocumentProperties().setProperty(key, JSON.stringify(value));
}
