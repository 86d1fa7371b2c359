/**
 * Plot rendering and file writing behind {@link org.scopedrnn.report.RunReport}.
 *
 * <p>May import (of ours): {@code report}, {@code wire}.
 */
package org.scopedrnn.report.internal;
