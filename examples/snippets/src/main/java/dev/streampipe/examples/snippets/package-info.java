/**
 * The Java snippets README.md and docs/ show, compiled by the build: each between {@code // tag::NAME[]} and
 * {@code // end::NAME[]} lines, which a doc references as {@code <!-- snippet: PATH#NAME -->} above its code block.
 * {@link dev.streampipe.examples.snippets.inventory} is the getting-started example; the other classes hold the
 * topology and runtime pages' snippets.
 */
package dev.streampipe.examples.snippets;
