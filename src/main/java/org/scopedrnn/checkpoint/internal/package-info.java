/**
 * Helpers for {@code org.scopedrnn.checkpoint}; not an API for other packages. They quote file
 * content in messages through {@link org.scopedrnn.checkpoint.Bounded}, and use nothing else of it.
 */
package org.scopedrnn.checkpoint.internal;
