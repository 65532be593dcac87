/**
 * Bumped whenever the output shape or the meaning of a value changes; stored in every report. In a
 * module of its own so that naming the version (the batch's main thread does) does not load zod.
 */
export const SCHEMA_VERSION = "1.1.0";
