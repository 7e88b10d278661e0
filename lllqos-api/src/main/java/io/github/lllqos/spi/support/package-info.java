/**
 * What providers share: placing a request and confirming the kernel applies it, the backend of providers without
 * real-time support, and the kernel's CPU list format.
 */
package io.github.lllqos.spi.support;
