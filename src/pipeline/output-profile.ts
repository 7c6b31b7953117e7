/**
 * The press profile of a print run: the one given on the command line (--output-profile),
 * else the layout's ("output": { "profile": … }), else none — the default separation profile
 * and its registered condition (src/render/pdfx.ts). A given profile is read whole (regular
 * file, bounded size), checked to be a CMYK output profile PDF/X-1a:2001 can embed, and named
 * for the OutputIntent; anything else is one line naming the profile file, before a page is
 * made up.
 */
import { basename } from "node:path";
import { InputFileError, readInputFile } from "../common/input-file.js";
import { PaibanError } from "../common/diagnostics.js";
import { MAX_PROFILE_BYTES, outputIntentNames, outputProfileProblem, profileDigest, readIccProfile, type OutputConditionNames, type OutputProfile } from "../common/icc.js";

/** Where a run's output profile comes from: the command line's flags over the layout's "output". */
export interface OutputProfileRequest extends OutputConditionNames {
  profile?: string;
}

/** The profile named by the command line, else the layout; the command line's condition names win. */
export function chooseOutputProfile(cli: OutputProfileRequest, layout: OutputProfileRequest | undefined): OutputProfileRequest {
  if (cli.profile !== undefined) return { ...cli };
  const names = { ...layout };
  if (cli.condition !== undefined) names.condition = cli.condition;
  if (cli.registry !== undefined) names.registry = cli.registry;
  if (cli.info !== undefined) names.info = cli.info;
  return names;
}

/** Read and check an output profile; PaibanError naming the file otherwise. */
export async function loadOutputProfile(file: string, names: OutputConditionNames): Promise<OutputProfile> {
  let bytes: Buffer;
  try {
    bytes = await readInputFile(file, MAX_PROFILE_BYTES);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      err instanceof InputFileError
        ? err.message
        : code === "ENOENT"
          ? "output profile not found"
          : `output profile cannot be read (${code ?? (err as Error).message})`;
    throw new PaibanError(why, { file });
  }
  const facts = readIccProfile(bytes);
  if ("problem" in facts) throw new PaibanError(facts.problem, { file });
  const problem = outputProfileProblem(facts);
  if (problem) throw new PaibanError(problem, { file });
  return { file, bytes, digest: profileDigest(bytes), facts, ...outputIntentNames(facts, basename(file), names) };
}
