package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandLineTest {

    @Test
    void shouldSayTheFilePathIsMissingWhenConfigIsTheLastArgument() {
        // WHEN --config comes without its value
        // THEN the message says what is missing (not "unknown argument") and gives the usage
        assertThatThrownBy(() -> CommandLine.parse("--config"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("--config needs a file path after it; " + CommandLine.USAGE);
    }

    static Stream<Arguments> wrongCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {"--config", ""}, "--config needs a file path, was ''"),
                Arguments.of(new String[] {"--config=  "}, "--config needs a file path, was '  '"),
                Arguments.of(new String[] {"--config", "a", "--config=b"}, "--config given twice, 'a' and 'b'"),
                Arguments.of(new String[] {"--confg", "a"}, "unknown argument '--confg'"),
                Arguments.of(new String[] {"a.properties"}, "unknown argument 'a.properties'"),
                Arguments.of(new String[] {"-\n\0"}, "unknown argument '-\\n\\u0000'"));
    }

    @ParameterizedTest
    @MethodSource("wrongCommandLines")
    void shouldNameTheArgumentWhenTheCommandLineIsWrong(String[] args, String message) {
        // WHEN parsed  THEN refused, naming the argument on one line, with the usage
        assertThatThrownBy(() -> CommandLine.parse(args))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(message + "; " + CommandLine.USAGE);
    }

    @Test
    void shouldReadTheFileWhenGivenEitherWay() {
        assertThat(CommandLine.parse("--config", "m.properties").configFile()).contains("m.properties");
        assertThat(CommandLine.parse("--config=m.properties").configFile()).contains("m.properties");
        assertThat(CommandLine.parse().configFile()).isEqualTo(Optional.empty());
    }

    @Test
    void shouldAskForHelpWhenHelpIsGiven() {
        assertThat(CommandLine.parse("--help").help()).isTrue();
        assertThat(CommandLine.parse("-h", "--config", "x").help()).isTrue();
        assertThat(CommandLine.parse("--config", "x").help()).isFalse();
    }
}
