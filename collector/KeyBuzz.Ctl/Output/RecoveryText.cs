using System.Globalization;
using System.Text;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Ctl.Output;

/// <summary>Recovery plans and rounds for humans.</summary>
internal static class RecoveryText
{
    public static string Plan(BootstrapPlan plan)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Cluster {plan.Cluster}: {plan.Kind} [{plan.Rule}]\n  {plan.Reason}\n");
        if (plan.Node.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  bootstrap node: {plan.Node} from {plan.Position}\n");
        }

        if (plan.WaitingFor.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  waiting for: {string.Join(", ", plan.WaitingFor)}\n");
        }

        if (plan.StartNodes.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  start normally: {string.Join(", ", plan.StartNodes)}\n");
        }

        text.Append('\n');
        var table = new TextTable("NODE", "STATE", "POSITION", "SOURCE", "NOTE");
        foreach (var line in plan.Lines)
        {
            table.Add(line.Node, line.State, Or(line.Position), Or(line.Source), Or(line.Note));
        }

        text.Append(table.Render());
        if (plan.ActiveRound is { } round)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nActive round {round.Id} ({round.Phase}): {round.Status}\n");
            if (round.Phase is "AwaitingApproval" or "Deciding" && plan.Candidate.Length > 0 && plan.Kind is "Wait" or "Refuse")
            {
                text.Append(CultureInfo.InvariantCulture, $"  To bootstrap {plan.Candidate} anyway: kbctl bootstrap approve {round.Id}\n");
            }
        }

        return text.ToString();
    }

    public static string Round(RecoveryRoundInfo round)
    {
        var text = new StringBuilder();
        var opened = DateTimeOffset.FromUnixTimeMilliseconds(round.OpenedAtUnixMs).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        text.Append(CultureInfo.InvariantCulture, $"Round {round.Id} ({round.Cluster}), opened {opened} UTC: {round.Phase}\n  {round.Status}\n");
        foreach (var g in round.Grants)
        {
            text.Append(CultureInfo.InvariantCulture, $"  grant {g.Id} ({g.By}) → {g.Node} from {g.Position}: {(g.Answer.Length == 0 ? "no answer yet" : g.Answer)}\n");
        }

        foreach (var e in round.Events)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(e.AtUnixMs).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"  {at}  {e.Text}\n");
        }

        return text.ToString();
    }

    private static string Or(string value) => value.Length == 0 ? "-" : value;
}
