// @ts-check
// Module-resolution hooks for processes that run the portal's server code outside Next.js (the job worker).
// `server-only` throws unless resolved under the "react-server" condition, which Next.js sets for server
// code; here it is set for that one package alone. Setting it process-wide (node --conditions) would also
// switch React to its server-components build, which cannot render the emails.
/** @type {import("node:module").ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") {
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  }
  return nextResolve(specifier, context);
}
