/**
 * Byte-level formats shared by the checkpoint and report packages: the protobuf wire format
 * ({@link org.scopedrnn.wire.ProtoWire}), masked CRC32C ({@link org.scopedrnn.wire.MaskedCrc32c})
 * and TFRecord framing ({@link org.scopedrnn.wire.TfRecord}). Written by hand rather than with the
 * protobuf library, so that TensorFlow's formats need no generated code and no extra dependency.
 *
 * <p>This package uses only the JDK and nothing else of ours.
 *
 * <p>May import (of ours): nothing.
 */
package org.scopedrnn.wire;
