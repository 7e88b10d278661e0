/** Not exported: the agent's {@code /metrics} endpoint, which the agent jar finds by name. */
package io.github.lllqos.micrometer.internal;
