// The module the build generates from the app's pages (../routes.ts).
declare module "preview:routes" {
  export const routes: import("./router").RouteEntry[];
  export const notFound: import("./router").ChainEntry[];
}
