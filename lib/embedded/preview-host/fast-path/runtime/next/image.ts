// next/image: a plain <img>; a preview has no image optimizer.
import { createElement as h, type CSSProperties, type ImgHTMLAttributes } from "react";

type StaticImage = { src: string; default?: { src: string } };
type ImageProps = Omit<ImgHTMLAttributes<HTMLImageElement>, "src"> & {
  src: string | StaticImage;
  fill?: boolean;
  priority?: boolean;
  quality?: number | string;
  placeholder?: string;
  blurDataURL?: string;
  loader?: unknown;
  unoptimized?: boolean;
  overrideSrc?: string;
  onLoadingComplete?: unknown;
};

export default function Image({
  src,
  alt,
  fill,
  priority,
  quality: _quality,
  placeholder: _placeholder,
  blurDataURL: _blurDataURL,
  loader: _loader,
  unoptimized: _unoptimized,
  overrideSrc,
  onLoadingComplete: _onLoadingComplete,
  style,
  loading,
  ...rest
}: ImageProps) {
  const source = typeof src === "string" ? src : (src && (src.default ? src.default.src : src.src)) || "";
  const fillStyle: CSSProperties | null = fill ? { position: "absolute", inset: 0, width: "100%", height: "100%" } : null;
  return h("img", {
    ...rest,
    src: overrideSrc || source,
    alt: alt ?? "",
    loading: loading || (priority ? "eager" : "lazy"),
    decoding: "async",
    style: fillStyle ? { ...fillStyle, ...style } : style,
  });
}

export function getImageProps(props: ImageProps) {
  return { props: { ...props, src: typeof props.src === "string" ? props.src : props.src && props.src.src } };
}
