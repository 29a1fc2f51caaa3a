// The packed mock server's readiness line, passed in by check-packed-install.mjs.
export interface Readiness {
  readonly endpoints: Record<string, string>;
  readonly cognito: { readonly userPoolId: string; readonly clientId: string; readonly region: string };
}

export function readiness(): Readiness {
  const line = process.env.FMAUTH_MOCK_READINESS;
  if (!line) throw new Error('FMAUTH_MOCK_READINESS is not set');
  return JSON.parse(line) as Readiness;
}
