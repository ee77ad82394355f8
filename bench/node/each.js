// twilio-node as side_by_side runs it: lists the benchmark server's usage records with
// usageRecords.each() and prints one JSON line: records, the sum of dataTotal, the HTTP requests
// made and the connections opened (side_by_side checks them all).
//
//   node each.js BASE_URL RECORDS PAGE_SIZE START_TIME END_TIME
//
// Credentials come from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN. Exits 1 on any error.
"use strict";

const http = require("http");
const twilio = require("twilio");

function main() {
  const [baseUrl, recordsText, pageSizeText, startTime, endTime] = process.argv.slice(2);
  const records = Number(recordsText);
  const pageSize = Number(pageSizeText);
  if (!baseUrl || !Number.isInteger(records) || !Number.isInteger(pageSize) || !endTime) {
    throw new Error("usage: node each.js BASE_URL RECORDS PAGE_SIZE START_TIME END_TIME");
  }

  const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
  // Domain.absoluteUrl builds the first page's URL on baseUrl; later pages follow the server's
  // absolute next_page_url as they are.
  client.supersim.baseUrl = baseUrl;

  // twilio-node sets up only an https agent; a plain-http URL gets Node's global agent (keep-alive
  // since Node 19). An explicit keep-alive agent makes that certain, and counts the connections.
  const agent = new http.Agent({ keepAlive: true });
  let connections = 0;
  const createConnection = agent.createConnection;
  agent.createConnection = function (...args) {
    ++connections;
    return createConnection.apply(this, args);
  };
  client.httpClient.axios.defaults.httpAgent = agent;
  let requests = 0;
  client.httpClient.axios.interceptors.response.use((response) => {
    ++requests;
    return response;
  });

  let count = 0;
  let dataTotalSum = 0;
  client.supersim.v1.usageRecords.each(
    {
      group: "sim",
      granularity: "hour",
      startTime: new Date(startTime),
      endTime: new Date(endTime),
      pageSize,
      limit: records,
      done: (error) => {
        agent.destroy();
        if (error) {
          console.error(`each.js: ${error.message || error}`);
          process.exitCode = 1;
          return;
        }
        const result = { records: count, data_total_sum: dataTotalSum, requests, connections };
        console.log(JSON.stringify(result));
      },
    },
    (record, done) => {
      ++count;
      dataTotalSum += record.dataTotal;
      // As twilio-node's own list() does: stop at the limit rather than ask for one more page.
      if (count === records) done();
    },
  );
}

try {
  main();
} catch (error) {
  console.error(`each.js: ${error.message || error}`);
  process.exitCode = 1;
}
