/**
 * Shared kernel: exceptions that carry a Chinese message and an HTTP status, paging, the data directory,
 * the clock, SM3 digests and the evidence-file store. Depends on no business module.
 */
package cn.onecity.shared;
