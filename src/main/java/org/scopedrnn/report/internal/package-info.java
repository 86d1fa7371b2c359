/** Plot rendering and file writing behind {@link org.scopedrnn.report.RunReport}. */
package org.scopedrnn.report.internal;
