// Builds dist/ once before any test, so `npx vitest` alone tests the real bundle.
export default async function setup(): Promise<void> {
  // @ts-expect-error build.mjs is plain JavaScript
  const { buildAll } = await import('../build.mjs');
  await buildAll();
}
