/**
 * Not exported: provider selection, shared by every facade, and how every lease ends ({@link
 * io.github.lllqos.internal.LeaseRelease}, the one Cleaner).
 */
package io.github.lllqos.internal;
