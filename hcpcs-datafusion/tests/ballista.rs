//! The functions run distributed: a Ballista standalone cluster (scheduler and executor in this test's
//! process, on the loopback interface, started here and stopped when the test's runtime ends) runs
//! the validation query over a Parquet file and returns exactly what a single DataFusion node returns.

#[path = "common/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;
use std::time::Duration;

use ballista::prelude::{SessionConfigExt, SessionContextExt};
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::execution::SessionStateBuilder;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

/// A Parquet file of synthetic claim lines, in several row groups so that it splits.
fn parquet(lines: usize) -> PathBuf {
    let path = std::env::temp_dir().join(format!(
        "hcpcs-datafusion-ballista-{}-{lines}.parquet",
        std::process::id()
    ));
    let file = std::fs::File::create(&path).unwrap();
    let props = datafusion::parquet::file::properties::WriterProperties::builder()
        .set_max_row_group_row_count(Some(8 * 1024))
        .build();
    let mut w = ArrowWriter::try_new(file, synthetic::schema(), Some(props)).unwrap();
    for b in synthetic::batches(7, lines, 8 * 1024) {
        w.write(&b).unwrap();
    }
    w.close().unwrap();
    path
}

async fn run(ctx: &SessionContext, path: &str, sql: &str) -> Vec<RecordBatch> {
    if !ctx.table_exist("claim_lines").unwrap() {
        ctx.register_parquet("claim_lines", path, ParquetReadOptions::default())
            .await
            .unwrap();
    }
    ctx.sql(sql).await.unwrap().collect().await.unwrap()
}

#[test]
fn the_validation_query_on_a_ballista_cluster_equals_the_single_node_result() {
    let path = parquet(60_000);
    let p = path.to_str().unwrap().to_string();
    let sql = hcpcs_datafusion::validation_sql("claim_lines");
    let per_code = "SELECT upper(trim(code)) AS c, count(*) AS n, \
        sum(CASE WHEN hcpcs_is_valid_on(code, dos) THEN 1 ELSE 0 END) AS valid, \
        max(hcpcs_short_description(code)) AS d, max(opps_status_indicator(code, dos)) AS si \
        FROM claim_lines GROUP BY upper(trim(code)) ORDER BY c";

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        // One node.
        let single = SessionContext::new();
        hcpcs_datafusion::register(&single);
        let want = run(&single, &p, &sql).await;
        let want_per_code = run(&single, &p, per_code).await;

        // The cluster: the session state carries the functions, and the standalone executor is
        // built from the same state, so it decodes the plan's function calls by name.
        let config = SessionConfig::new_with_ballista()
            .with_target_partitions(4)
            .with_ballista_standalone_parallelism(2);
        let mut state = SessionStateBuilder::new()
            .with_config(config)
            .with_default_features()
            .build();
        hcpcs_datafusion::register_in(&mut state).unwrap();
        let cluster = SessionContext::standalone_with_state(state).await.unwrap();
        // Ballista upgrades the client's state with its own function list: register on it too.
        hcpcs_datafusion::register(&cluster);

        // The query goes through the scheduler: Ballista's planner wraps it for distribution.
        cluster
            .register_parquet("claim_lines", &p, ParquetReadOptions::default())
            .await
            .unwrap();
        let plan = cluster
            .sql(&sql)
            .await
            .unwrap()
            .create_physical_plan()
            .await
            .unwrap();
        let shown = format!(
            "{}",
            datafusion::physical_plan::displayable(plan.as_ref()).indent(false)
        );
        assert!(shown.contains("DistributedQueryExec"), "{shown}");

        let got = run(&cluster, &p, &sql).await;
        let got_per_code = run(&cluster, &p, per_code).await;
        let text = |b: &[RecordBatch]| pretty_format_batches(b).unwrap().to_string();
        assert_eq!(text(&got), text(&want));
        assert_eq!(text(&got_per_code), text(&want_per_code));
        // The answer is not empty: every class has lines in 60,000 synthetic ones.
        let row = &want[0];
        for (class, _) in hcpcs_datafusion::FINDINGS {
            let c = row.column_by_name(class).unwrap();
            let n = datafusion::arrow::array::AsArray::as_primitive::<
                datafusion::arrow::datatypes::Int64Type,
            >(c.as_ref())
            .value(0);
            assert!(n > 0, "{class}: no line");
        }
        assert!(want_per_code.iter().map(|b| b.num_rows()).sum::<usize>() > 1000);
    });
    // Stop the cluster: its scheduler and executor are tasks of this runtime.
    rt.shutdown_timeout(Duration::from_secs(10));
    std::fs::remove_file(&path).unwrap();
}

/// Why README says the cluster needs the functions too: a cluster started without them fails the
/// query, naming the function, though the client has them. (Never a silently wrong answer.)
#[test]
fn a_cluster_without_the_functions_fails_the_query_naming_one() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let err = rt.block_on(async {
        let state = SessionStateBuilder::new()
            .with_config(SessionConfig::new_with_ballista().with_ballista_standalone_parallelism(1))
            .with_default_features()
            .build();
        let cluster = SessionContext::standalone_with_state(state).await.unwrap();
        hcpcs_datafusion::register(&cluster);
        let df = cluster
            .sql("SELECT hcpcs_is_valid(column1) FROM (VALUES ('Q2057'), ('Q20X7'))")
            .await
            .unwrap();
        df.collect().await.unwrap_err().to_string()
    });
    rt.shutdown_timeout(Duration::from_secs(10));
    eprintln!("{err}");
    assert!(err.contains("hcpcs_is_valid"), "{err}");
}
