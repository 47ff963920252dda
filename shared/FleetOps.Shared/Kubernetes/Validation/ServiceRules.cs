using System.Text.Json.Nodes;

namespace FleetOps.Shared.Kubernetes.Validation;

/// <summary>Services: with more than one port every port needs a name, and names are unique.</summary>
internal static class ServiceRules
{
    public static void Service(JsonObject obj, RuleContext context)
    {
        var ports = Values.Items(Values.At(Values.At(obj, "spec"), "ports"));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var path = ObjectPath.Root.Child("spec").Child("ports").Index(i).Child("name");
            var name = Values.Text(Values.At(ports[i], "name")) ?? "";
            if (name.Length == 0 && ports.Count > 1)
                context.Required(path);
            else if (name.Length > 0 && !names.Add(name))
                context.Duplicate(path, name);
        }
    }
}
