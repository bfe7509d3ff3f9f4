// next/script: the script added to the page once it has rendered.
import { type ReactNode, useEffect } from "react";

type ScriptProps = {
  src?: string;
  children?: ReactNode;
  dangerouslySetInnerHTML?: { __html: string };
  onLoad?: () => void;
  onReady?: () => void;
  onError?: OnErrorEventHandler;
  id?: string;
  strategy?: string;
  [attribute: string]: unknown;
};

export default function Script({ src, children, dangerouslySetInnerHTML, onLoad, onReady, onError, id, strategy: _strategy, ...rest }: ScriptProps) {
  useEffect(() => {
    const script = document.createElement("script");
    if (id) script.id = id;
    for (const [name, value] of Object.entries(rest)) if (typeof value === "string") script.setAttribute(name, value);
    if (src) script.src = src;
    else script.text = typeof children === "string" ? children : (dangerouslySetInnerHTML && dangerouslySetInnerHTML.__html) || "";
    script.onload = () => {
      if (onLoad) onLoad();
      if (onReady) onReady();
    };
    if (onError) script.onerror = onError;
    document.body.appendChild(script);
    return () => script.remove();
    // Added once per source, as next/script does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [src]);
  return null;
}
