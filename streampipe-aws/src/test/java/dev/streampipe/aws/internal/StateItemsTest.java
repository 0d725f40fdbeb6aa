package dev.streampipe.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.aws.internal.StateItems.Entry;
import dev.streampipe.core.state.GroupKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link StateItems}: the state table's keys, chunks and receipts, which every process on a table must agree on. */
class StateItemsTest {

    @Test
    void shouldKeyEachItemKindByItsPrefixWhenKeysAreMade() {
        // GIVEN / WHEN / THEN a table value, a windowed value, a window chunk, a receipt and a time item
        assertThat(StateItems.valueKey(GroupKey.of("by-status", "paid"), 0)).isEqualTo("v#by-status#-#paid#0");
        assertThat(StateItems.valueKey(new GroupKey("per-minute", "a#b", 1_800_000L), 3))
                .isEqualTo("v#per-minute#1800000#a#b#3");
        assertThat(StateItems.windowKey("per-minute", -60_000L, 31, 1)).isEqualTo("w#per-minute#-60000#31#1");
        assertThat(StateItems.receiptKey("seq:49#1", 7)).isEqualTo("r#seq:49#1#7");
        assertThat(StateItems.timeKey("per-minute")).isEqualTo("t#per-minute");
    }

    @Test
    void shouldGiveTheChunksTheFormatFixedWhenKeysAreChunked() {
        // GIVEN keys whose chunks were written down when the table's format was fixed (a batch delivered again finds
        // its receipts by them, whichever version wrote them)
        // WHEN / THEN they are those
        assertThat(List.of(StateItems.chunkOf(GroupKey.of("by-status", "new")),
                StateItems.chunkOf(GroupKey.of("by-status", "paid")),
                StateItems.chunkOf(new GroupKey("per-minute", "eu", 1_800_000L)),
                StateItems.chunkOf(GroupKey.of("by-status", ""))))
                .containsExactly(17, 30, 31, 31);
    }

    @Test
    void shouldSpreadGroupsOverEveryChunkEvenlyWhenThereAreMany() {
        // GIVEN 32,000 groups
        int[] perChunk = new int[StateItems.CHUNKS];

        // WHEN each is given its chunk
        IntStream.range(0, 32_000).forEach(i -> perChunk[StateItems.chunkOf(GroupKey.of("s", "group-" + i))]++);

        // THEN every chunk holds about a 32nd of them
        assertThat(IntStream.of(perChunk).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(850, 1_150));
    }

    @Test
    void shouldReadBackWhatAReceiptHoldsWhenItsEntriesAreEncoded() {
        // GIVEN entries of a table value and of a windowed one, one with a negative delta
        List<Entry> entries = List.of(new Entry(GroupKey.of("by-status", ""), 0, new long[] {-1, 250}),
                new Entry(new GroupKey("per-minute", "eu", -60_000L), 3, new long[] {Long.MAX_VALUE}));

        // WHEN encoded into a receipt and decoded
        Map<String, AttributeValue> receipt = new HashMap<>();
        receipt.put(StateItems.ENTRIES, StateItems.encodeEntries(entries));
        List<Entry> back = StateItems.decodeEntries(receipt);

        // THEN the same entries come back
        assertThat(back).hasSize(2);
        assertThat(back.get(0).sameAs(entries.get(0))).isTrue();
        assertThat(back.get(1).sameAs(entries.get(1))).isTrue();
        assertThat(back.get(1).key().windowed()).isTrue();
        assertThat(StateItems.decodeEntries(Map.of())).isEmpty();
    }

    @Test
    void shouldKeepTheEmptyGroupInAWindowsSetWhenGroupsAreWritten() {
        // GIVEN / WHEN a window chunk item holding the empty group and another
        Map<String, AttributeValue> item = Map.of(StateItems.GROUPS, AttributeValue.fromSs(
                List.of(StateItems.member(""), StateItems.member("eu"))));

        // THEN both are read back; an item without groups has none
        assertThat(StateItems.groups(item)).containsExactlyInAnyOrder("", "eu");
        assertThat(StateItems.groups(Map.of())).isEmpty();
    }

    @Test
    void shouldRefuseAGroupWhenItsItemKeyWouldPassDynamoDbsLimit() {
        // GIVEN a group of 2,100 bytes and one of 1,900
        GroupKey tooLong = GroupKey.of("by-status", "x".repeat(2_100));
        GroupKey fits = GroupKey.of("by-status", "x".repeat(1_900));

        // WHEN / THEN the first is refused naming the limit, the second fits
        assertThatThrownBy(() -> StateItems.requireKeyFits(tooLong, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2048");
        StateItems.requireKeyFits(fits, 100);
    }
}
