/**
 * Helpers for {@code org.scopedrnn.checkpoint}; not an API for other packages:
 * {@code JsonValues}, typed reads of {@code checkpoint.json} fields. They quote file content in messages
 * through {@link org.scopedrnn.checkpoint.Bounded}, and use nothing else of it.
 *
 * <p>May import (of ours): {@code checkpoint}.
 */
package org.scopedrnn.checkpoint.internal;
