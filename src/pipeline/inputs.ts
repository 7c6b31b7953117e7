/** The files a rendered layout reads: what watch and serve watch, serve may send, and a render must not overwrite. */
import type { EditionSpec, ItemSpec } from "../makeup/spec.js";

export interface EditionFiles {
  layout: string;
  copy: string[];
  images: string[];
  /** Font files the layout configures (the npm defaults never change under a watch). */
  fonts: string[];
  /** The press profile the layout names for print ("output"), if any. */
  profiles: string[];
}

function itemFiles(item: ItemSpec, copy: Set<string>, images: Set<string>): void {
  switch (item.type) {
    case "story":
      copy.add(item.copy.file);
      break;
    case "photo":
      images.add(item.image);
      if (item.caption) copy.add(item.caption.copy.file);
      break;
    case "sidebar":
      for (const c of item.items) copy.add(c.file);
      break;
    case "rule":
      break;
  }
}

export function editionFiles(edition: EditionSpec): EditionFiles {
  const copy = new Set<string>();
  const images = new Set<string>();
  for (const page of edition.pages) for (const item of page.items) itemFiles(item, copy, images);
  const fonts = new Set<string>();
  for (const role of Object.values(edition.fonts)) {
    if (role?.regular) fonts.add(role.regular.file);
    if (role?.bold) fonts.add(role.bold.file);
  }
  return { layout: edition.file, copy: [...copy], images: [...images], fonts: [...fonts], profiles: edition.output ? [edition.output.profile] : [] };
}

export function allFiles(files: EditionFiles): string[] {
  return [files.layout, ...files.copy, ...files.images, ...files.fonts, ...files.profiles];
}
