package dev.streampipe.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Item#as}: an item converts once per converter, failures included. */
class ItemConversionTest {

    /** A converter that counts its conversions and reads the item's "name". */
    private static final class CountingConverter implements ItemConverter<String> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String convert(Item item) {
            calls.incrementAndGet();
            return item.string("name").orElse(null);
        }
    }

    private static Item item(String name) {
        return Item.of(Map.of("name", new AttributeValue.S(name)));
    }

    /** An indexed item whose one attribute "name" is read by {@code reader}. */
    private static Item indexed(java.util.function.Supplier<AttributeValue> reader) {
        return Item.indexed(new Item.AttributeSource() {
            @Override
            public int count() {
                return 1;
            }

            @Override
            public String name(int index) {
                return "name";
            }

            @Override
            public AttributeValue read(int index) {
                return reader.get();
            }
        });
    }

    @Test
    void shouldConvertOnceWhenAskedTwiceWithTheSameConverter() {
        // GIVEN
        CountingConverter converter = new CountingConverter();
        Item item = item("widget");

        // WHEN
        String first = item.as(converter);
        String second = item.as(converter);

        // THEN
        assertThat(first).isEqualTo("widget");
        assertThat(second).isSameAs(first);
        assertThat(converter.calls).hasValue(1);
    }

    @Test
    void shouldConvertOncePerConverterWhenTwoConvertersAsk() {
        // GIVEN
        CountingConverter a = new CountingConverter();
        CountingConverter b = new CountingConverter();
        Item item = item("widget");

        // WHEN
        item.as(a);
        item.as(b);
        item.as(a);
        item.as(b);

        // THEN
        assertThat(a.calls).hasValue(1);
        assertThat(b.calls).hasValue(1);
    }

    @Test
    void shouldRememberANullResultWhenTheConverterReturnsNull() {
        // GIVEN
        CountingConverter converter = new CountingConverter();
        Item item = Item.of(Map.of("other", new AttributeValue.S("x")));

        // WHEN
        String first = item.as(converter);
        String second = item.as(converter);

        // THEN
        assertThat(first).isNull();
        assertThat(second).isNull();
        assertThat(converter.calls).hasValue(1);
    }

    @Test
    void shouldFailTheSameWayWithoutConvertingAgainWhenTheConversionFailed() {
        // GIVEN an item whose "name" is a number, and a converter that wants a string
        AtomicInteger calls = new AtomicInteger();
        ItemConverter<String> converter = i -> {
            calls.incrementAndGet();
            return i.string("name").orElseThrow();
        };
        Item item = Item.of(Map.of("name", new AttributeValue.N("7")));

        // WHEN
        Throwable first = org.assertj.core.api.Assertions.catchThrowable(() -> item.as(converter));
        Throwable second = org.assertj.core.api.Assertions.catchThrowable(() -> item.as(converter));

        // THEN
        assertThat(first).isInstanceOf(InvalidAttributeException.class)
                .hasMessage("attribute 'name' must be S, was N");
        assertThat(second).isInstanceOf(InvalidAttributeException.class).hasMessage(first.getMessage())
                .isNotSameAs(first).hasCauseReference(first);
        assertThat(calls).hasValue(1);
    }

    @Test
    void shouldNotRememberWhenTheConverterFailsWithABug() {
        // GIVEN a converter that fails with something other than InvalidAttributeException once
        AtomicInteger calls = new AtomicInteger();
        ItemConverter<String> converter = i -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("bug");
            }
            return "fine";
        };
        Item item = item("widget");

        // WHEN
        assertThatThrownBy(() -> item.as(converter)).isInstanceOf(IllegalStateException.class).hasMessage("bug");
        String second = item.as(converter);

        // THEN
        assertThat(second).isEqualTo("fine");
        assertThat(calls).hasValue(2);
    }

    @Test
    void shouldRememberTheFailureWhenAnIndexedValueCannotBeRead() {
        // GIVEN an indexed item whose only value cannot be read
        AtomicInteger reads = new AtomicInteger();
        Item item = indexed(() -> {
            reads.incrementAndGet();
            throw new InvalidAttributeException("attribute 'name': bad bytes");
        });
        CountingConverter converter = new CountingConverter();

        // WHEN
        assertThatThrownBy(() -> item.as(converter)).isInstanceOf(InvalidAttributeException.class)
                .hasMessage("attribute 'name': bad bytes");
        assertThatThrownBy(() -> item.as(converter)).isInstanceOf(InvalidAttributeException.class)
                .hasMessage("attribute 'name': bad bytes");

        // THEN
        assertThat(converter.calls).hasValue(1);
        assertThat(reads).hasValue(1);
    }

    @Test
    void shouldFailWithTheReasonWhenTheItemIsUnreadable() {
        // GIVEN
        Item item = Item.unreadable("NewImage is not an object");

        // WHEN / THEN
        assertThatThrownBy(() -> item.as(Item::size)).isInstanceOf(InvalidAttributeException.class)
                .hasMessage("NewImage is not an object");
    }

    @Test
    void shouldKeepTheNewestConvertersWhenMoreAskThanItRemembers() {
        // GIVEN six converters asking in turn
        List<CountingConverter> converters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            converters.add(new CountingConverter());
        }
        Item item = item("widget");
        converters.forEach(item::as);

        // WHEN the newest and the oldest ask again
        item.as(converters.get(5));
        item.as(converters.get(0));

        // THEN the newest was remembered, the oldest had been forgotten and converted again
        assertThat(converters.get(5).calls).hasValue(1);
        assertThat(converters.get(0).calls).hasValue(2);
    }

    @Test
    void shouldNotRememberAnythingWhenTheItemIsTheSharedEmptyItem() {
        // GIVEN
        CountingConverter converter = new CountingConverter();

        // WHEN
        Item.EMPTY.as(converter);
        Item.of(Map.of()).as(converter);

        // THEN
        assertThat(converter.calls).hasValue(2);
    }

    @Test
    void shouldStayEqualToAnUnconvertedItemWhenConverted() {
        // GIVEN
        Item converted = item("widget");
        converted.as(new CountingConverter());

        // WHEN / THEN
        assertThat(converted).isEqualTo(item("widget")).hasSameHashCodeAs(item("widget"));
    }

    @Test
    void shouldGiveEveryThreadTheConvertedValueWhenThreadsRace() throws Exception {
        // GIVEN
        CountingConverter converter = new CountingConverter();
        Item item = item("widget");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();

        // WHEN
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return item.as(converter);
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        // THEN a race may repeat the conversion, but every thread gets the value, and afterwards it is remembered
        for (Future<String> r : results) {
            assertThat(r.get()).isEqualTo("widget");
        }
        int racedCalls = converter.calls.get();
        item.as(converter);
        assertThat(converter.calls).hasValue(racedCalls);
        assertThat(racedCalls).isBetween(1, 8);
    }
}
