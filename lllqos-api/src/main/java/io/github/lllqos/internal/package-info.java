/**
 * Not exported: provider selection, shared by every facade, and the restoration of changed settings.
 */
package io.github.lllqos.internal;
