/**
 * What {@code attnlab bench} times, beside the PyTorch anchors: batched vs one-by-one edits, the J&amp;W per-instance
 * set, decision-flip with and without the last-layer shortcut, faithfulness deletions, adversarial search. Each
 * driver returns {@code ModelBenchmark.Timing}s; the command only parses options and writes the JSON report.
 */
package org.attnlab.bench;
