package org.scopedrnn.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The column params of a char-LSTM stage, the same on the estimator and its fitted model (fit
 * copies them): {@code inputCol} (a string column, one document per row), {@code outputCol} (the
 * added {@code nats_per_char}), {@code primeCol} (unset: no generated text) with
 * {@code generatedCol}, and {@code handleUnknown} for characters outside the vocabulary.
 */
final class TextColumns implements Serializable {

    final Param<String> inputCol;
    final Param<String> outputCol;
    final Param<String> primeCol;
    final Param<String> generatedCol;
    final Param<String> handleUnknown;

    TextColumns(Params owner) {
        String uid = owner.toString();
        inputCol = new Param<>(uid, "inputCol", "string column of text: each row is a document");
        outputCol = new Param<>(uid, "outputCol", "added column: the model's mean nats per character on the row's text "
                + "(null for fewer than 2 characters)");
        primeCol = new Param<>(uid, "primeCol", "string column of prime texts: when set, transform adds generatedCol, "
                + "text sampled after the prime with the sample.* params");
        generatedCol = new Param<>(uid, "generatedCol", "added column of generated text (when primeCol is set)");
        handleUnknown = new Param<>(uid, "handleUnknown", "a character outside the vocabulary: error (fail, naming "
                + "it), null (the row's value is null) or skip (drop it, as evaluate --skip-unknown)",
                ParamValidators.inArray(new String[] {CharLstmRows.ERROR, CharLstmRows.NULL, CharLstmRows.SKIP}));
        owner.setDefault(inputCol, "text");
        owner.setDefault(outputCol, "nats_per_char");
        owner.setDefault(generatedCol, "generated");
        owner.setDefault(handleUnknown, CharLstmRows.ERROR);
    }

    List<Param<?>> all() {
        return List.of(inputCol, outputCol, primeCol, generatedCol, handleUnknown);
    }

    /** {@code schema} with the added columns; refuses a missing or non-string input, or an output that exists. */
    StructType transformSchema(Params owner, StructType schema) {
        requireString(schema, inputCol.name(), owner.getOrDefault(inputCol));
        var fields = new ArrayList<>(List.of(schema.fields()));
        add(schema, fields, owner.getOrDefault(outputCol), DataTypes.DoubleType);
        if (owner.isDefined(primeCol)) {
            requireString(schema, primeCol.name(), owner.getOrDefault(primeCol));
            add(schema, fields, owner.getOrDefault(generatedCol), DataTypes.StringType);
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** Refuses a column {@code name} that is missing or not a string, naming the param and the column's type. */
    static void requireString(StructType schema, String param, String name) {
        if (!List.of(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(param + " '" + name + "' is not a column of the DataFrame: its columns "
                    + "are " + String.join(", ", schema.fieldNames()) + "; set " + param + " to one of them");
        }
        DataType type = schema.apply(name).dataType();
        if (!type.equals(DataTypes.StringType)) {
            throw new IllegalArgumentException(param + " '" + name + "' is a column of type " + type.simpleString()
                    + ", not string: give the text as a string column (e.g. col(\"" + name + "\").cast(\"string\"))");
        }
    }

    static void add(StructType schema, List<StructField> fields, String name, DataType type) {
        if (List.of(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("output column '" + name + "' already exists in the DataFrame: set "
                    + "another output column name");
        }
        fields.add(DataTypes.createStructField(name, type, true));
    }
}
