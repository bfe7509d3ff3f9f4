// next/dynamic: React.lazy, with the loading component as its fallback.
import { type ComponentType, createElement as h, lazy, Suspense } from "react";

type Loaded = ComponentType<Record<string, unknown>> | { default: ComponentType<Record<string, unknown>> };
type Options = { loading?: ComponentType<{ isLoading: boolean }>; ssr?: boolean };

export default function dynamic(load: () => Loaded | Promise<Loaded>, options: Options = {}) {
  const Lazy = lazy(() =>
    Promise.resolve(load()).then((m) => ({ default: m && (m as { default?: unknown }).default !== undefined ? (m as { default: ComponentType<Record<string, unknown>> }).default : (m as ComponentType<Record<string, unknown>>) })),
  );
  const fallback = options.loading ? h(options.loading, { isLoading: true }) : null;
  return function Dynamic(props: Record<string, unknown>) {
    return h(Suspense, { fallback }, h(Lazy, props));
  };
}
