using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetOps.Hub.Hosting;
using FleetOps.Hub.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace FleetOps.Hub.Messaging.External.DynamicSecurity;

/// <summary>
/// The hub's connection to Mosquitto's dynamic-security control topic, as the hub's own user (which needs the plugin's
/// admin role). Made on first use and again after a loss. A request is one control message with several commands; the
/// plugin answers all of them in one message on the response topic, which every admin client receives, so each request
/// is matched to its answer by a correlation id of its own.
/// </summary>
internal sealed class DynSecConnection(IOptions<MqttOptions> options, HubCredential credential, ILogger<DynSecConnection> logger) : IDisposable
{
    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim connecting = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<IReadOnlyList<DynSecResponse>>> waiting = new(StringComparer.Ordinal);
    private bool handlerAdded;

    /// <summary>
    /// Sends the commands and returns their answers in order. Throws <see cref="BrokerUnreachableException"/> when the
    /// broker cannot be reached or does not answer in time, and <see cref="CredentialsRefusedException"/> when it refuses
    /// the hub's user the control topic.
    /// </summary>
    public async Task<IReadOnlyList<DynSecResponse>> SendAsync(IReadOnlyList<JsonObject> commands, CancellationToken cancellationToken)
    {
        await ConnectAsync(cancellationToken);
        var correlation = Guid.NewGuid().ToString("N");
        var answer = new TaskCompletionSource<IReadOnlyList<DynSecResponse>>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[correlation] = answer;
        try
        {
            var list = new JsonArray();
            foreach (var command in commands)
            {
                var copy = (JsonObject)command.DeepClone();
                copy["correlationData"] = correlation;
                list.Add(copy);
            }
            var payload = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["commands"] = list });
            MqttClientPublishResult published;
            try
            {
                published = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(DynSecCommands.ControlTopic).WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new BrokerUnreachableException($"could not send to the MQTT broker: {e.Message}", e);
            }
            if (published.ReasonCode == MqttClientPublishReasonCode.NotAuthorized)
                throw new CredentialsRefusedException(
                    $"the MQTT broker does not let the hub's user '{credential.Username}' send dynamic-security commands: give it the plugin's admin role");
            try
            {
                var responses = await answer.Task.WaitAsync(options.Value.ControlTimeout, cancellationToken);
                if (responses.Count != commands.Count)
                    throw new BrokerUnreachableException($"the MQTT broker answered {responses.Count} of {commands.Count} dynamic-security commands");
                return responses;
            }
            catch (TimeoutException)
            {
                throw new BrokerUnreachableException(
                    $"the MQTT broker did not answer dynamic-security commands within {options.Value.ControlTimeout} (is the plugin loaded?)");
            }
        }
        finally
        {
            waiting.TryRemove(correlation, out _);
        }
    }

    public void Dispose()
    {
        client.Dispose();
        connecting.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (client.IsConnected)
            return;
        await connecting.WaitAsync(cancellationToken);
        try
        {
            if (client.IsConnected)
                return;
            if (!handlerAdded)
            {
                client.ApplicationMessageReceivedAsync += OnMessageAsync;
                handlerAdded = true;
            }
            try
            {
                await client.ConnectAsync(ExternalBrokerOptions.Client(options.Value, credential, $"{credential.ClientId}-dynsec"), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new BrokerUnreachableException($"could not connect to the MQTT broker: {e.Message}", e);
            }
            var subscribed = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(DynSecCommands.ResponseTopic).WithAtLeastOnceQoS()).Build(), cancellationToken);
            if (subscribed.Items.Any(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
                throw new CredentialsRefusedException(
                    $"the MQTT broker does not let the hub's user '{credential.Username}' read dynamic-security answers: give it the plugin's admin role");
            }
            logger.LogInformation("Connected to the MQTT broker's dynamic-security control topic as {User}", credential.Username);
        }
        finally
        {
            connecting.Release();
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (e.ApplicationMessage.Topic != DynSecCommands.ResponseTopic)
            return Task.CompletedTask;
        try
        {
            var responses = DynSecResponses.Parse(e.ApplicationMessage.Payload.ToArray());
            foreach (var group in responses.GroupBy(r => r.Correlation, StringComparer.Ordinal))
            {
                if (group.Key is not null && waiting.TryGetValue(group.Key, out var answer))
                    answer.TrySetResult(group.Select(r => r.Response).ToList());
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning("An answer on {Topic} was not the plugin's JSON: {Error}", DynSecCommands.ResponseTopic, ex.Message);
        }
        return Task.CompletedTask;
    }
}
