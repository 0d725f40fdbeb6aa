package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.check.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardPolicyCheckTest {
    private static final String VALID = """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
                  Policies:
                    - PolicyName: p
                      PolicyDocument:
                        Statement:
                          - Sid: Objects
                            Effect: Allow
                            Action: [s3:GetObject, s3:PutObject]
                            Resource: !Sub "${Bucket.Arn}/*"
                          - Sid: LeaseIndex
                            Effect: Allow
                            Action: dynamodb:Query
                            Resource: !Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/app/index/*"
                          # ListStreams has no resource-level permission.
                          - Sid: ListStreamsRequiresWildcard
                            Effect: Allow
                            Action: dynamodb:ListStreams
                            Resource: "*"
              BucketPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - Effect: Deny
                        Principal: "*"
                        Action: "s3:*"
                        Resource: "*"
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Role: !GetAtt Role.Arn
            """;

    private final WildcardPolicyCheck check = new WildcardPolicyCheck();

    @Test
    void shouldFindNothingWhenOnlyScopesAndCommentedExceptionsUseStars() {
        assertThat(check.check(CfnTemplate.parse(VALID))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            action wildcard        | Action: [s3:GetObject, s3:PutObject] | Action: 's3:*'                   | action s3:*
            action prefix wildcard | Action: [s3:GetObject, s3:PutObject] | Action: 's3:Get*'                | action s3:Get*
            all resources          | Resource: !Sub "${Bucket.Arn}/*"     | Resource: '*'                    | resource *
            all tables             | table/app/index/*                    | table/*                          | resource arn:
            star after resource id | Resource: !Sub "${Bucket.Arn}/*"     | Resource: !Sub "${Bucket.Arn}*"  | resource «Bucket.Arn»*
            NotAction              | Action: dynamodb:Query               | NotAction: dynamodb:Query        | NotAction
            function without role  | Role: !GetAtt Role.Arn               | Runtime: java21                  | no explicit Role
            """)
    void shouldReportWhenPolicyUsesUnmarkedWildcard(String description, String from, String to, String expected) {
        // GIVEN a valid template broken in one place
        CfnTemplate template = Broken.variant(VALID, from, to);

        // WHEN
        List<Finding> findings = check.check(template);

        // THEN
        assertThat(findings).as(description).isNotEmpty().anySatisfy(f -> assertThat(f.message()).contains(expected));
    }

    @Test
    void shouldReportWhenExceptionHasNoComment() {
        // GIVEN the exception's comment removed
        CfnTemplate template = Broken.variant(VALID,
                "              # ListStreams has no resource-level permission.\n", "");

        // WHEN
        List<Finding> findings = check.check(template);

        // THEN
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.message())
                .contains("wildcard exception ListStreamsRequiresWildcard has no # comment"));
    }

    @Test
    void shouldNotCreditEarlierStatementsCommentWhenExceptionFollowsIt() {
        // GIVEN the comment sits above another statement that precedes the exception
        String exception = "              - Sid: ListStreamsRequiresWildcard\n";
        String statement = "                Effect: Allow\n"
                + "                Action: s3:ListBucket\n"
                + "                Resource: !GetAtt Bucket.Arn\n";
        CfnTemplate template = Broken.variant(VALID, exception, "              - Sid: Between\n" + statement + exception);

        // WHEN
        List<Finding> findings = check.check(template);

        // THEN
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).contains("has no # comment"));
    }

    @Test
    void shouldReportWhenMarkedExceptionUsesNoWildcard() {
        CfnTemplate template = Broken.variant(VALID,
                "                Action: dynamodb:ListStreams\n                Resource: \"*\"\n",
                "                Action: dynamodb:ListStreams\n                Resource: !GetAtt Bucket.Arn\n");

        assertThat(check.check(template)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("marked as a wildcard exception but uses no wildcard"));
    }

    @Test
    void shouldReportWhenAllowGrantsToEveryone() {
        CfnTemplate template = Broken.variant(VALID, "- Effect: Deny\n", "- Effect: Allow\n");

        assertThat(check.check(template)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("principal *").contains("action s3:*").contains("resource *"));
    }

    @Test
    void shouldReportWhenManagedPoliciesAreAttached() {
        CfnTemplate template = Broken.variant(VALID, "      AssumeRolePolicyDocument:\n",
                "      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n      AssumeRolePolicyDocument:\n");

        assertThat(check.check(template)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("managed policies hide"));
    }

    @ParameterizedTest(name = "{0} -> wildcard={1}")
    @CsvSource(delimiter = '|', textBlock = """
            *                                                     | true
            arn:aws:dynamodb:eu-west-1:123456789012:table/*       | true
            arn:aws:dynamodb:*:123456789012:table/t               | true
            arn:aws:lambda:eu-west-1:123456789012:function:*      | true
            arn:aws:sqs:eu-west-1:123456789012:*                  | true
            arn:aws:s3:::*                                        | true
            arn:aws:s3:::bucket/*                                 | false
            arn:aws:dynamodb:eu-west-1:123456789012:table/t/index/* | false
            arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f:* | false
            «Bucket.Arn»/*                                        | false
            «Bucket.Arn»*                                         | true
            arn:aws:sns:eu-west-1:123456789012:topic              | false
            """)
    void shouldClassifyResourceWhenItContainsAStar(String resource, boolean wildcard) {
        assertThat(WildcardPolicyCheck.isWildcardResource(resource)).isEqualTo(wildcard);
    }
}
