using System.Text.Json.Nodes;
using FleetOps.Shared.Kubernetes;

namespace FleetOps.Shared.Tests.Kubernetes;

/// <summary>kube-apiserver's validation (422 Invalid) for what manifests most often get wrong, field and wording as the server's.</summary>
public sealed class ValidationRuleTests
{
    private const string CronJobTemplate = """
        {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"x"},"spec":{"schedule":"SCHEDULE",
         "jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"x","image":"x"}]}}}}}}
        """;

    [Fact]
    public async Task AnIngressPathWithoutPathTypeIsRequired()
    {
        var result = await SchemaFixtures.Check("rules", "ingress-without-path-type");

        var error = Assert.Single(result.Errors);
        Assert.Equal((SchemaErrorKind.Invalid, "spec.rules[0].http.paths[1].pathType", "Required value: pathType must be specified", "FieldValueRequired"),
            (error.Kind, error.Field, error.Message, error.Reason));
    }

    [Fact]
    public async Task AJobWithoutRestartPolicyIsRefusedForTheDefaultAlways()
    {
        var result = await SchemaFixtures.Check("rules", "job-without-restart-policy");

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"", error.ToString());
        Assert.Equal("FieldValueNotSupported", error.Reason);
    }

    [Fact]
    public async Task ACronJobNeedsAFiveFieldScheduleAndAFinishingJobTemplate()
    {
        var result = await SchemaFixtures.Check("rules", "cronjob-bad-schedule");

        Assert.Equal(
            [
                "spec.schedule: Invalid value: \"*/5 * * *\": expected exactly 5 fields, found 4: [*/5 * * *]",
                "spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task NegativeReplicasAndARestartPolicyOtherThanAlwaysAreInvalidForADeployment()
    {
        var result = await SchemaFixtures.Check("rules", "deployment-negative-replicas");

        Assert.Equal(
            [
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task EveryPortOfAMultiPortServiceNeedsAName()
    {
        var result = await SchemaFixtures.Check("rules", "service-unnamed-ports");

        Assert.Equal(["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task DuplicateContainerNamesAreInvalidAndAHiddenEnvNameIsAWarning()
    {
        var result = await SchemaFixtures.Check("rules", "deployment-duplicates");

        Assert.Equal(
            [
                "spec.template.spec.containers[1].name: Duplicate value: \"web\"",
                "spec.template.spec.initContainers[0].name: Duplicate value: \"web\"",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.All(result.Errors, e => Assert.Equal("FieldValueDuplicate", e.Reason));
        // PATH_EXTRA's second entry only extends the first ($(PATH_EXTRA):...), which the server accepts silently.
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("spec.template.spec.containers[0].env[2]: hides previous definition of \"MODE\", which may be dropped when using apply", warning);
    }

    [Fact]
    public async Task ValidObjectsOfEveryRuledKindPass()
    {
        foreach (var obj in await SchemaFixtures.All("rules"))
        {
            if ((string?)obj["metadata"]!["name"] != "valid")
                continue;

            var result = KubernetesSchema.Check(obj);
            Assert.True(result.IsValid, $"{obj["kind"]}: {string.Join("; ", result.Errors)}");
            Assert.Empty(result.Warnings);
        }
    }

    [Theory]
    [InlineData("0 0 * * 7", "end of range (7) above maximum (6): 7")]
    [InlineData("61 * * * *", "end of range (61) above maximum (59): 61")]
    [InlineData("* * * * * *", "expected exactly 5 fields, found 6: [* * * * * *]")]
    [InlineData("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1")]
    [InlineData("*/0 * * * *", "step of range should be a positive number: */0")]
    [InlineData("0 0 0 * *", "beginning of range (0) below minimum (1): 0")]
    [InlineData("@fortnightly", "unrecognized descriptor: @fortnightly")]
    [InlineData("@every 1h30m", null)]
    [InlineData("@weekly", null)]
    [InlineData("*/15 9-17 * * MON-FRI", null)]
    [InlineData("0 12 1,15 feb,aug *", null)]
    public void CronSchedulesAreReadAsRobfigCronReadsThem(string schedule, string? problem)
    {
        var cronJob = JsonNode.Parse(CronJobTemplate.Replace("SCHEDULE", schedule, StringComparison.Ordinal))!.AsObject();

        var result = KubernetesSchema.Check(cronJob);

        if (problem is null)
            Assert.Empty(result.Errors);
        else
            Assert.Equal($"spec.schedule: Invalid value: \"{schedule}\": {problem}", Assert.Single(result.Errors).ToString());
    }
}
