package dev.streampipe.system.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.internal.CfnTemplate;
import dev.streampipe.check.internal.Intrinsics;
import dev.streampipe.check.internal.ServerlessFunction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The environment a handler's constructor sees in the probe: every variable the template gives the function,
 * with a plausible value (a parameter's default, else a fake name, ARN or URL by the variable's suffix), and
 * Lambda's AWS variables with dummy credentials and every endpoint on a loopback trap. Nothing is inherited
 * from the test's own environment, so no profile, credential file or real endpoint can leak in.
 */
final class ProbeEnvironment {
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";

    private ProbeEnvironment() {
    }

    static Map<String, String> of(CfnTemplate template, ServerlessFunction function, String endpoint, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> env.put(name, plausible(template, name, value, endpoint)));
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", "AKIAPROBE0000000000");
        env.put("AWS_SECRET_ACCESS_KEY", "probe-secret");
        env.put("AWS_SESSION_TOKEN", "probe-token");
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("HOME", home.toString());
        return env;
    }

    private static String plausible(CfnTemplate template, String name, JsonNode value, String endpoint) {
        if (value.isValueNode()) {
            return value.asText();
        }
        boolean parameter = Intrinsics.refTarget(value).filter(template.parameters()::containsKey).isPresent();
        if (parameter) {
            return template.resolveScalar(value).orElse("");
        }
        String fake = "probe-" + name.toLowerCase(Locale.ROOT).replace('_', '-');
        if (name.endsWith("_ARN")) {
            return "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + fake;
        }
        if (name.endsWith("_URL")) {
            return endpoint + "/" + ACCOUNT + "/" + fake;
        }
        return fake;
    }
}
