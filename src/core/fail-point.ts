/**
 * Named points where a crash test stops a run deterministically (no timers): the code calls
 * `failPoint('certificate-made')` where a crash is worst; a test's hook decides what happens
 * there. Nothing is installed in production, so a fail point costs one function call.
 */
type Hook = (name: string) => void;

let hook: Hook | null = null;

export function failPoint(name: string): void {
  if (hook) hook(name);
}

/** Installed by the local CLI when a test asks for it (see src/local/fail-points.ts). */
export function setFailPointHook(next: Hook | null): void {
  hook = next;
}
