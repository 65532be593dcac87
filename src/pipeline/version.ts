import { SCHEMA_VERSION } from "../schema/version.js";

/**
 * What produced an output: a resumed run redoes an input only when this changed. Bump the first
 * part with any change to reading or mapping; the schema version follows the output shape.
 */
export const PIPELINE_VERSION = `0.4.1+schema.${SCHEMA_VERSION}`;
