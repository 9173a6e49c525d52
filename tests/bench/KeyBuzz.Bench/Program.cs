using KeyBuzz.Bench;

// kb-bench: the parts of tests/bench/run.sh that need a program (synthetic agents, precise polling).
return args.Length == 0 ? Usage() : args[0] switch
{
    "ingest" => await IngestBench.RunAsync(Options.Parse(args[1..])),
    "history" => await HistoryBench.RunAsync(Options.Parse(args[1..])),
    "detect" => await DetectionBench.RunAsync(Options.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: kb-bench ingest  --collector URL --pid PID [--agents 50] [--seconds 20] [--batch 50]
               kb-bench history --collector URL --http URL [--points 3600] [--queries 50]
               kb-bench detect  --collector URL --lab PATH --labdir DIR --node 2 [--runs 5]
        Prints one JSON object on stdout.
        """);
    return 64;
}
