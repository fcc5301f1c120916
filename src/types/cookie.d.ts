/** The few functions of `cookie` (0.7, Express's own dependency) Rectify uses; the package ships no types. */
declare module 'cookie' {
  export function parse(header: string): Record<string, string | undefined>;
  export function serialize(
    name: string,
    value: string,
    options?: { readonly httpOnly?: boolean; readonly sameSite?: 'strict' | 'lax' | 'none'; readonly path?: string; readonly maxAge?: number; readonly secure?: boolean },
  ): string;
}
