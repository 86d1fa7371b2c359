package org.scopedrnn.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.scopedrnn.config.Settings;

/**
 * The column params of a seq2seq stage, the same on the estimator and its fitted model:
 * {@code sourceCol} and {@code targetCol} (string columns, one pair per row; the target is read by
 * fit only), {@code outputCol} (the added {@code translation}) and {@code handleUnknown}.
 */
final class PairColumns implements Serializable {

    final Param<String> sourceCol;
    final Param<String> targetCol;
    final Param<String> outputCol;
    final Param<String> handleUnknown;

    PairColumns(Params owner) {
        String uid = owner.toString();
        sourceCol = new Param<>(uid, "sourceCol", "string column of source sentences");
        targetCol = new Param<>(uid, "targetCol", "string column of target sentences (fit only)");
        outputCol = new Param<>(uid, "outputCol", "added column: the source's translation (" + Settings.BEAM + ", "
                + Settings.TRANSLATE_MAX_LENGTH + ")");
        handleUnknown = new Param<>(uid, "handleUnknown", "a source character outside the vocabulary: error (fail, "
                + "naming it) or null (the row's translation is null)",
                ParamValidators.inArray(new String[] {CharLstmRows.ERROR, CharLstmRows.NULL}));
        owner.setDefault(sourceCol, "source");
        owner.setDefault(targetCol, "target");
        owner.setDefault(outputCol, "translation");
        owner.setDefault(handleUnknown, CharLstmRows.ERROR);
    }

    List<Param<?>> all() {
        return List.of(sourceCol, targetCol, outputCol, handleUnknown);
    }

    /** {@code schema} with the translation column; {@code fitting} also requires the target column. */
    StructType transformSchema(Params owner, StructType schema, boolean fitting) {
        TextColumns.requireString(schema, sourceCol.name(), owner.getOrDefault(sourceCol));
        if (fitting) {
            TextColumns.requireString(schema, targetCol.name(), owner.getOrDefault(targetCol));
        }
        var fields = new ArrayList<>(List.of(schema.fields()));
        TextColumns.add(schema, fields, owner.getOrDefault(outputCol), DataTypes.StringType);
        return new StructType(fields.toArray(StructField[]::new));
    }
}
