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

    /**
     * A number by DynamoDB's rules: at most 38 significant digits, zero or a magnitude from 1E-130 to below 1E+126.
     *
     * @throws InvalidAttributeException naming the text and the rule it breaks, for anything else
     */
    record N(String value) implements AttributeValue {
        public N {
            requireNumber(value);
        }

        @Override
        public String type() {
            return "N";
        }

        /**
         * The value as a {@code long}.
         *
         * @throws InvalidAttributeException if it has a fraction or lies outside the {@code long} range
         */
        public long longValue() {
            try {
                return decimalValue().longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidAttributeException("number " + value + " is not a whole number in the long range");
            }
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
                requireNumber(v);
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

    private static void requireNumber(String text) {
        String problem = Numbers.problem(text);
        if (problem != null) {
            throw new InvalidAttributeException("not a DynamoDB number: '" + Texts.abbreviate(text, 40) + "' ("
                    + problem + ")");
        }
    }
}
