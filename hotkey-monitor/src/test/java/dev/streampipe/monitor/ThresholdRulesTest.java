package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.ThresholdScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdRulesTest {

    private final List<String> problems = new ArrayList<>();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ab/=10                   | HOT_KEY_THRESHOLDS rule 'ab/=10' table must be a DynamoDB table name (3..255 characters of A-Z a-z 0-9 _ . -), was 'ab'",
        "ta ble/=10               | HOT_KEY_THRESHOLDS rule 'ta ble/=10' table must be a DynamoDB table name (3..255 characters of A-Z a-z 0-9 _ . -), was 'ta ble'",
        "orders/SESSION# =10      | HOT_KEY_THRESHOLDS rule 'orders/SESSION# =10' prefix must not start or end with whitespace, was 'SESSION# '",
        "orders/=99999999999999999999999 | HOT_KEY_THRESHOLDS rule 'orders/=99999999999999999999999' limit must be a number in (0, 1000000] or * for unlimited, was '99999999999999999999999'",
        "orders/=10:NaN           | HOT_KEY_THRESHOLDS rule 'orders/=10:NaN' limit must be a number in (0, 1000000] or * for unlimited, was 'NaN'",
        "orders/=10:1:2           | HOT_KEY_THRESHOLDS rule 'orders/=10:1:2' must have <wcu> or <wcu>:<writes> after '='",
        "/P#=1; /P#=2             | HOT_KEY_THRESHOLDS has two rules for any table and prefix 'P#'",
        "orders/P#=1;orders/P#=2  | HOT_KEY_THRESHOLDS has two rules for table 'orders' and prefix 'P#'",
    })
    void shouldNameTheRuleAndWhatIsWrongWhenARuleIsBad(String spec, String message) {
        // WHEN the rules are parsed
        ThresholdRules.parse("HOT_KEY_THRESHOLDS", spec, problems);
        // THEN the one problem names the setting, the rule and the rule it breaks
        assertThat(problems).containsExactly(message);
    }

    @Test
    void shouldRefuseAPrefixLongerThanAPartitionKeyWhenGiven() {
        // WHEN a rule's prefix is 2,049 bytes
        ThresholdRules.parse("HOT_KEY_THRESHOLDS", "/" + "é".repeat(1_025) + "=5", problems);
        // THEN it is refused, the prefix cut in the message
        assertThat(problems).singleElement().asString()
                .contains("prefix must be at most 2048 UTF-8 bytes").contains("... (1025 characters in all)'");
    }

    @Test
    void shouldRefuseTheSettingWhenItHoldsMoreRulesThanTheBound() {
        // GIVEN 1,001 distinct rules
        StringBuilder spec = new StringBuilder();
        for (int i = 0; i <= ThresholdRules.MAX_RULES; i++) {
            spec.append("/P").append(i).append("#=5;");
        }
        // WHEN parsed  THEN one problem says the bound and the count, and no rule is kept
        Map<ThresholdScope, Threshold> rules = ThresholdRules.parse("HOT_KEY_THRESHOLDS", spec.toString(), problems);
        assertThat(problems).containsExactly("HOT_KEY_THRESHOLDS must hold at most 1000 rules, had 1001");
        assertThat(rules).isEmpty();
    }

    @Test
    void shouldKeepEveryGoodRuleWhenOthersAreBad() {
        // WHEN good and bad rules are mixed
        Map<ThresholdScope, Threshold> rules =
                ThresholdRules.parse("HOT_KEY_THRESHOLDS", "orders/=300; x/=1; /TENANT#=*:50; ;", problems);
        // THEN the good ones are read, the bad one reported
        assertThat(rules).containsOnly(Map.entry(ThresholdScope.table("orders"), Threshold.ofWcu(300)),
                Map.entry(ThresholdScope.prefix("TENANT#"), Threshold.ofWrites(50)));
        assertThat(problems).singleElement().asString().contains("rule 'x/=1' table must be");
    }
}
