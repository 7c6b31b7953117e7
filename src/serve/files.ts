/** The files a rendered layout depends on: what watch and serve watch, and serve may send (see pipeline/inputs.ts). */
export { allFiles, editionFiles, type EditionFiles } from "../pipeline/inputs.js";
