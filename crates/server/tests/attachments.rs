//! Attachments: upload types and limits, sending, downloading with the
//! `allow_share` policy (rule 8), forwarding files, ranges.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;
mod common_messages;

use common::*;
use common_messages::*;
use http_body_util::BodyExt;
use samtal_core::api::limits::ATTACHMENT_MAX_BYTES;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The files under the server's attachments directory.
fn stored_files(server: &TestServer) -> usize {
    std::fs::read_dir(server.state.config.attachments_dir()).map(|d| d.count()).unwrap_or(0)
}

#[tokio::test]
async fn an_uploaded_file_is_sent_listed_and_downloaded() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;

    let (status, attachment) = upload(&anna, chat, "image/png", "Semester på Öland.png", png()).await;
    assert_eq!(status, 201, "{attachment}");
    assert_eq!(attachment["kind"], "image");
    assert_eq!(attachment["mime"], "image/png");
    assert_eq!(attachment["name"], "Semester på Öland.png");
    assert_eq!(attachment["size"], png().len());
    let id = attachment["id"].as_i64().unwrap();
    assert_eq!(attachment["url"], format!("/api/attachments/{id}"));

    let (status, message) = anna
        .post(
            &format!("/api/conversations/{chat}/messages"),
            json!({"text": "look", "attachment_id": id, "client_id": "pic-1"}),
        )
        .await;
    assert_eq!(status, 201, "{message}");
    assert_eq!(message["kind"], "attachment");
    assert_eq!(message["text"], "look");
    assert_eq!(message["attachment"], attachment);
    let listed = all_messages(&bo, chat).await;
    assert_eq!(listed.last().unwrap()["attachment"]["id"], id);

    let (status, headers, bytes) = download(&bo, id).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, png());
    assert_eq!(headers["content-type"], "image/png");
    assert_eq!(headers["cache-control"], "private");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(disposition.contains("filename*=UTF-8''Semester%20p%C3%A5%20%C3%96land.png"), "{disposition}");

    // A caption may be left blank; a path in the name is dropped.
    let (_, second) = upload(&anna, chat, "audio/ogg", "../../etc/voice.ogg", vec![1, 2, 3]).await;
    assert_eq!(second["name"], "voice.ogg");
    assert_eq!(second["kind"], "audio");
    let (status, message) = anna
        .post(
            &format!("/api/conversations/{chat}/messages"),
            json!({"text": "  ", "attachment_id": second["id"], "client_id": "voice-1"}),
        )
        .await;
    assert_eq!(status, 201, "{message}");
    assert!(message["text"].is_null());
}

#[tokio::test]
async fn ranges_are_served_for_seeking() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let message = send_image(&anna, chat).await;
    let id = message["attachment"]["id"].as_i64().unwrap();
    let resp =
        bo.http.get(format!("{}/api/attachments/{id}", bo.base)).header("Range", "bytes=0-3").send().await.unwrap();
    assert_eq!(resp.status(), 206);
    assert_eq!(resp.headers()["content-type"], "image/png");
    assert_eq!(resp.bytes().await.unwrap().to_vec(), png()[..4].to_vec());
}

#[tokio::test]
async fn uploads_take_images_video_and_audio_up_to_the_limit() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;

    for mime in ["text/plain", "application/octet-stream", "application/pdf", "not a mime", "image"] {
        assert_error(&upload(&anna, chat, mime, "f", png()).await, 415, "unsupported_media_type");
    }
    let no_type = anna
        .http
        .post(format!("{}/api/conversations/{chat}/attachments", anna.base))
        .header("X-Samtal-Request", "1")
        .body(png())
        .send()
        .await
        .unwrap();
    assert_eq!(no_type.status(), 415);

    let (status, video) = upload(&anna, chat, "video/mp4", "clip.mp4", vec![0; 64]).await;
    assert_eq!((status.as_u16(), video["kind"].as_str()), (201, Some("video")), "{video}");
    let (status, audio) = upload(&anna, chat, "audio/webm;codecs=opus", "memo.webm", vec![0; 64]).await;
    assert_eq!((status.as_u16(), audio["kind"].as_str()), (201, Some("audio")), "{audio}");
    assert_eq!(audio["mime"], "audio/webm;codecs=opus");
    let (status, unnamed) = upload(&anna, chat, "image/jpeg", "", vec![0; 64]).await;
    assert_eq!((status.as_u16(), unnamed["name"].as_str()), (201, Some("attachment")), "{unnamed}");
    assert_error(&upload(&anna, chat, "image/png", "empty.png", Vec::new()).await, 400, "invalid_input");

    // Above the 1 MiB JSON limit of the API: the route's own limit applies.
    let big = vec![7u8; 2 * 1024 * 1024 + 17];
    let (status, body) = upload(&anna, chat, "image/jpeg", "big.jpg", big.clone()).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["size"], big.len());
    let files = stored_files(&server);

    // One byte over the limit, streamed without a length: refused, nothing kept.
    // (Mapping the frames hides the size, so the body goes out chunked.)
    let over = http_body_util::Full::new(axum::body::Bytes::from(vec![1u8; ATTACHMENT_MAX_BYTES + 1]));
    let body = reqwest::Body::wrap(over.map_frame(|frame| frame));
    let resp = anna
        .http
        .post(format!("{}/api/conversations/{chat}/attachments?name=huge.mp4", anna.base))
        .header("X-Samtal-Request", "1")
        .header("Content-Type", "video/mp4")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 413);
    let error: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(error["error"]["code"], "payload_too_large");
    assert_eq!(stored_files(&server), files, "the partial file was removed");

    // Exactly at the limit is fine.
    let (status, body) = upload(&anna, chat, "video/mp4", "max.mp4", vec![2u8; ATTACHMENT_MAX_BYTES]).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_reading() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    // A session cookie of anna's, to speak raw HTTP: a declared length
    // with no body behind it shows the refusal comes before any reading.
    let login = reqwest::Client::new()
        .post(format!("{}/api/auth/login", anna.base))
        .header("X-Samtal-Request", "1")
        .json(&json!({"handle": "anna", "password": "password123"}))
        .send()
        .await
        .unwrap();
    let cookie = login.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let mut socket = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let request = format!(
        "POST /api/conversations/{chat}/attachments?name=x.mp4 HTTP/1.1\r\nHost: localhost\r\n\
         Cookie: {cookie}\r\nX-Samtal-Request: 1\r\nContent-Type: video/mp4\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        ATTACHMENT_MAX_BYTES + 1
    );
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), socket.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");
}

#[tokio::test]
async fn only_the_uploader_sends_an_upload_once_in_its_conversation() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let eve = server.person("eve").await;
    let chat = private_chat(&anna, &bo).await;
    let other = private_group(&anna, "Other", &[&bo]).await;

    // Strangers can't upload (and learn nothing).
    assert_error(&upload(&eve, chat, "image/png", "x.png", png()).await, 404, "not_found");
    assert_error(&upload(&eve, 999_999, "image/png", "x.png", png()).await, 404, "not_found");

    let (_, attachment) = upload(&anna, chat, "image/png", "x.png", png()).await;
    let id = attachment["id"].as_i64().unwrap();
    // Not sent yet: only the uploader may fetch it.
    assert_eq!(download(&anna, id).await.0, 200);
    assert_eq!(download(&bo, id).await.0, 404);

    let send_it = |who: &Client, conv: i64| {
        let who = who.clone();
        async move {
            who.post(&format!("/api/conversations/{conv}/messages"), json!({"attachment_id": id, "client_id": cid()}))
                .await
        }
    };
    assert_error(&send_it(&bo, chat).await, 404, "not_found");
    assert_error(&send_it(&anna, other).await, 404, "not_found");
    let (status, _) = send_it(&anna, chat).await;
    assert_eq!(status, 201);
    assert_error(&send_it(&anna, chat).await, 409, "conflict");
    assert_eq!(download(&bo, id).await.0, 200);
    assert_eq!(download(&eve, id).await.0, 404);

    assert_eq!(download(&anna, 999_999).await.0, 404);
    let (status, _, body) = get_raw(&anna, "/api/attachments/abc").await;
    assert_eq!((status.as_u16(), error_code(&body).as_str()), (400, "invalid_input"));
    let (status, _, _) = get_raw(&server.client(), &format!("/api/attachments/{id}")).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn downloads_follow_allow_share() {
    let w = OrgWorld::new().await;
    let group = private_group(&w.anna, "Design", &[&w.bo]).await;
    let private_image = send_image(&w.anna, group).await;
    convert(&w.anna, group).await;
    let org_image = send_image(&w.anna, group).await;
    let org_id = org_image["attachment"]["id"].as_i64().unwrap();
    assert_eq!(download(&w.bo, org_id).await.0, 200);

    set_group_policies(&w.anna, group, json!({"allow_share": false})).await;
    let (status, _, body) = download(&w.bo, org_id).await;
    assert_eq!((status.as_u16(), error_code(&body).as_str()), (403, "policy_forbids"));
    // The policy is the conversation's now, for all its files.
    let private_id = private_image["attachment"]["id"].as_i64().unwrap();
    assert_eq!(download(&w.bo, private_id).await.0, 403);
    let caps = summary(&w.bo, group).await["capabilities"].clone();
    assert_eq!(caps["share"], false, "{caps}");

    // The tenant policy counts too.
    set_group_policies(&w.anna, group, json!({})).await;
    assert_eq!(download(&w.bo, org_id).await.0, 200);
    set_tenant_policies(&w.op, w.org.id, json!({"allow_share": false})).await;
    assert_eq!(download(&w.bo, org_id).await.0, 403);

    // Private conversations have no such policy.
    let chat = private_chat(&w.anna, &w.bo).await;
    let image = send_image(&w.anna, chat).await;
    assert_eq!(download(&w.bo, image["attachment"]["id"].as_i64().unwrap()).await.0, 200);
}

#[tokio::test]
async fn a_forwarded_file_is_a_new_attachment_of_the_same_bytes() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let carl = server.person("carl").await;
    let chat = private_chat(&anna, &bo).await;
    let other = private_chat(&bo, &carl).await;
    let original = send_image(&anna, chat).await;
    let files = stored_files(&server);

    let (status, copy) = forward(&bo, other, original["id"].as_i64().unwrap()).await;
    assert_eq!(status, 201, "{copy}");
    assert_eq!(copy["kind"], "attachment");
    assert_ne!(copy["attachment"]["id"], original["attachment"]["id"]);
    assert_eq!(copy["attachment"]["name"], original["attachment"]["name"]);
    assert_eq!(copy["attachment"]["size"], original["attachment"]["size"]);
    assert_eq!(stored_files(&server), files, "the bytes are stored once");

    let (status, _, bytes) = download(&carl, copy["attachment"]["id"].as_i64().unwrap()).await;
    assert_eq!((status.as_u16(), bytes), (200, png()));
    // Carl reaches the copy, never the original.
    assert_eq!(download(&carl, original["attachment"]["id"].as_i64().unwrap()).await.0, 404);
}

#[tokio::test]
async fn uploads_nobody_sent_go_after_the_grace_period_with_their_bytes() {
    let server = TestServer::start_with(&["operator"]).await;
    let anna = server.person("anna").await;
    let bo = server.person("bob").await;
    let chat = private_chat(&anna, &bo).await;
    let sent = send_image(&anna, chat).await;
    let sent_id = sent["attachment"]["id"].as_i64().unwrap();
    let (status, unsent) = upload(&anna, chat, "image/png", "later.png", png()).await;
    assert_eq!(status, 201, "{unsent}");
    // A forward shares the bytes of what it forwards.
    let other = private_chat(&anna, &server.person("cleo").await).await;
    let (status, forward) = anna
        .post(&format!("/api/conversations/{other}/messages"), json!({"forward_of": sent["id"], "client_id": "fw"}))
        .await;
    assert_eq!(status, 201, "{forward}");
    let files = |dir: &std::path::Path| std::fs::read_dir(dir.join("attachments")).unwrap().count();
    assert_eq!(files(server.dir.path()), 2, "the sent image (shared by its forward) and the unsent upload");

    // Within the grace period nothing goes.
    let now = samtal_server::time::now_ms();
    assert_eq!(samtal_server::uploads::sweep(&server.state, now).await.unwrap(), 0);
    assert_eq!(files(server.dir.path()), 2);

    let later = now + 25 * 60 * 60 * 1000;
    assert_eq!(samtal_server::uploads::sweep(&server.state, later).await.unwrap(), 1);
    assert_eq!(files(server.dir.path()), 1, "the unsent upload's bytes are gone");
    let unsent_id = unsent["id"].as_i64().unwrap();
    assert_error(
        &anna
            .post(
                &format!("/api/conversations/{chat}/messages"),
                json!({"attachment_id": unsent_id, "client_id": "late"}),
            )
            .await,
        404,
        "not_found",
    );
    // What was sent, and its forward, still download.
    for id in [sent_id, forward["attachment"]["id"].as_i64().unwrap()] {
        let response = anna.http.get(format!("{}/api/attachments/{id}", anna.base)).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.bytes().await.unwrap().to_vec(), png());
    }
    assert_eq!(samtal_server::uploads::sweep(&server.state, later).await.unwrap(), 0, "nothing twice");
}
