/** Tiny JSON text helpers for hand-written payloads on hot paths. */
package dev.streampipe.core.json;
