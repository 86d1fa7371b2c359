/** Helpers for {@code org.scopedrnn.checkpoint}; not an API for other packages. */
package org.scopedrnn.checkpoint.internal;
