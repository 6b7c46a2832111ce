namespace EastWestIds.Signatures.Detectors;

internal static partial class SqlFingerprints
{
    /// <summary>
    /// Known injection shapes, grouped by how the attack starts. Quote contexts always begin with <c>s</c> (the rest of
    /// the application's literal). Each group lists what an attacker appends after breaking out.
    /// </summary>
    private static readonly string[] Entries =
    [
        // ' or 1=1 / ' and 'a'='a / ' or @x / ' || sleep(5) || ' / ' and (select …)
        "s&L*", "s&no*", "s&f(*", "s&(*", "s&E*", "s&nc",
        // admin'-- / admin'#
        "sc",
        // '; drop table … / '; exec … / '; waitfor …
        "s;E*", "s;T*", "s;k*", "s;c", "s;n*",
        // ' union select / ' order by 1 / ' collate …
        "sUE*", "sU(E*", "sUk*", "sB*", "sA*",
        // '=' / ' + sleep(5) + ' / ' - 1 -- (arithmetic after the literal)
        "so1*", "sos*", "sov*", "sof(*", "son(*", "sonc",
        // ') or ('1'='1 / ') union … / '); drop …
        "s)&*", "s)U*", "s);*", "s)c", "s)B*", "s)o*",
        // ' into outfile …
        "skk*",

        // as-is: 1 or 1=1 / 1 and sleep(5) / 1 union select / 1; drop … / 1 order by 1
        "1&L", "1&Lo*", "1&Lc", "1&L;*", "1&L)*", "1&LB*", "1&LU*", "1&L&*", "1&f(*", "1&(*", "1&no*", "1&E*",
        "1UE*", "1U(*", "nUE*", "nU(*", "vU*", ")UE*", ")U(*", "1o1UE*", "1(E*",
        "1;E*", "1;T*", "1;k*",
        "1B1*", "1Bn*",
        "1)&*", "1)U*", "1);*", "1)B*",
        // statements
        "Eok*", "Enknk*", "Enkn;*", "EnknB*", "Enknc", "Ef(*", "E1,*", "E1c", "E1;*", "Ev*", "Eknk*", "Ekn(*",
        // T-SQL and procedural commands
        "Tks*", "Tk1*", "TT*", "Tv*", "Tn.*", "Tnc",
        // bare time-based probes: sleep(5), benchmark(…), pg_sleep(5)
        "f(1)", "f(1)c", "f(1,*", "f(f(*", "f(", "f(s)*", "f(E*",

        // fragments that are only ever SQL: a value that starts with a clause or a logic operator and a comparison
        "B1*", "UE*", "U(E*", "E(E*", "E(k*", "E(f*", "E(1*", "E1k*", "Eo1,*", "Es&*",
        "k(E*", "kk.*", "kn.nB*", ")kn*", ")ks*",
        "&so*", "&1o1*", "&(1o*", "&(so*", "&f(*", "&(f*",
        "no&V*", "no&(*", "no&f*",
        // quote contexts: a call right after the literal ('+sleep(5)+', ' sleep(5) '), ') waitfor …
        "sf(*", "s)T*", "s&n(*", "sT*", "s.f(*", "s&nnc",
        // quote then a statement: ' select 1 / ' select * / ' drop table …
        "sE1*", "sEo*", "sEv*", "sEf(*", "sE(*", "sEnk*", "sEk*", "sUo*",

        // fragments of a WHERE clause or a subquery
        "&noL*", "&(no*", "&1o(*", "o(E*", "o(1,*", "o(s,*", ")o(*", ")k1k*",
        "Bf(*", "1Bf(*", "(f(*", "(E1*", "(Eo*", "(Ef(*", "(Ev*", ";f(*", ";E", ";Ek*", ";Ef(*", ";E1*", ";Eo*", ";Ev*", ";En(*", ";T*",
        "kk(*", "kks*", "Tns*", "T(v*", "f(1o*", "f(s,*", "1ksk*", "1knk*", "EnB*",
        "no;E*", "no;k*", "no;T*", "no(E*", "vof(*", "vo(E*",
        // (no "kkk*": three keywords in a row open English as often as SQL, "If all else fails, …")
        "Enkn", "En;c", "En;E*", "Ekn;*", "Enk1o*", "kf(E*", "kkB*", "nkks*", "&1o",
        // a value that is only the start of a call or cast: date(, month=(, password::int, func(x)::text
        "n(", "no(", "n.(", "n&(", "o(", "not", "n(n)ot*", "f(n)ot*",
        // SQL Server procedures, alone or executed
        "f", "fc", "f;*", "Tf*",
    ];
}
