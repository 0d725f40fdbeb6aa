package dev.streampipe.core.record;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One DynamoDB attribute value, of any of the ten DynamoDB types. Values are immutable; collections are
 * unmodifiable copies. Numbers keep DynamoDB's decimal string form (up to 38 digits) so nothing is lost.
 */
public sealed interface AttributeValue {

    /** The DynamoDB type descriptor: S, N, B, BOOL, NULL, L, M, SS, NS or BS. */
    String type();

    record S(String value) implements AttributeValue {
        public S {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String type() {
            return "S";
        }
    }

    record N(String value) implements AttributeValue {
        public N {
            if (!Numbers.isDynamoNumber(value)) {
                throw new IllegalArgumentException("not a DynamoDB number: '" + value + "'");
            }
        }

        @Override
        public String type() {
            return "N";
        }

        public long longValue() {
            return new java.math.BigDecimal(value).longValueExact();
        }

        public java.math.BigDecimal decimalValue() {
            return new java.math.BigDecimal(value);
        }
    }

    record B(Bytes value) implements AttributeValue {
        public B {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String type() {
            return "B";
        }
    }

    record Bool(boolean value) implements AttributeValue {
        @Override
        public String type() {
            return "BOOL";
        }
    }

    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        @Override
        public String type() {
            return "NULL";
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "L";
        }
    }

    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values = Map.copyOf(values);
        }

        @Override
        public String type() {
            return "M";
        }
    }

    record SS(List<String> values) implements AttributeValue {
        public SS {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "SS";
        }
    }

    record NS(List<String> values) implements AttributeValue {
        public NS {
            values = List.copyOf(values);
            for (String v : values) {
                if (!Numbers.isDynamoNumber(v)) {
                    throw new IllegalArgumentException("not a DynamoDB number: '" + v + "'");
                }
            }
        }

        @Override
        public String type() {
            return "NS";
        }
    }

    record BS(List<Bytes> values) implements AttributeValue {
        public BS {
            values = List.copyOf(values);
        }

        @Override
        public String type() {
            return "BS";
        }
    }
}
