//! Encryption at rest for an organization's container (rule 13), through the
//! browser's WebCrypto: AES-256-GCM for values, HMAC-SHA-256 for keys.
//!
//! The server hands out one 32-byte secret per organization, only to its
//! current members. From it HKDF derives two keys, both **non-extractable**:
//! the page can use them but no script can read their bytes, and IndexedDB
//! keeps them as opaque `CryptoKey` objects. The secret's bytes are zeroized
//! as soon as the keys exist. Deleting the container deletes the keys with it.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};
use zeroize::Zeroize;

use super::{StorageError, StoreName};

/// Bytes of the AES-GCM nonce at the front of every sealed value.
const NONCE_LEN: usize = 12;

/// The two keys of a container, and a fingerprint of the secret they came
/// from (to notice when the server hands out a different one).
#[derive(Debug, Clone)]
pub struct CipherKeys {
    /// AES-GCM, for values.
    pub aes: CryptoKey,
    /// HMAC-SHA-256, for keys.
    pub hmac: CryptoKey,
    /// SHA-256 of the secret, hex: not secret itself.
    pub fingerprint: String,
}

/// Seals and opens a container's values, and hashes its keys.
#[derive(Debug, Clone)]
pub struct Cipher {
    keys: CipherKeys,
}

fn subtle() -> Result<SubtleCrypto, StorageError> {
    let window = web_sys::window().ok_or_else(|| crypto_error("no window"))?;
    let crypto = window.crypto().map_err(|_| crypto_error("WebCrypto is not available"))?;
    Ok(crypto.subtle())
}

fn crypto_error(why: impl Into<String>) -> StorageError {
    StorageError::Crypto(why.into())
}

fn js_error(value: JsValue) -> StorageError {
    let why = value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "WebCrypto refused".to_owned());
    StorageError::Crypto(why)
}

/// An algorithm description: a plain object with these properties.
fn params(entries: &[(&str, JsValue)]) -> Result<Object, StorageError> {
    let object = Object::new();
    for (name, value) in entries {
        Reflect::set(&object, &JsValue::from_str(name), value).map_err(js_error)?;
    }
    Ok(object)
}

fn usages(list: &[&str]) -> Array {
    list.iter().map(|u| JsValue::from_str(u)).collect()
}

async fn promise(result: Result<js_sys::Promise, JsValue>) -> Result<JsValue, StorageError> {
    JsFuture::from(result.map_err(js_error)?).await.map_err(js_error)
}

fn bytes_of(value: JsValue) -> Vec<u8> {
    Uint8Array::new(&value).to_vec()
}

/// Decodes 64 hex digits into 32 bytes.
pub fn decode_hex_key(hex: &str) -> Result<Vec<u8>, StorageError> {
    let hex = hex.trim();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(crypto_error("the cache key is not 64 hex digits"));
    }
    (0..32).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| crypto_error("bad hex"))).collect()
}

/// Lowercase hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl CipherKeys {
    /// Derives the keys from the server's secret (64 hex digits).
    pub async fn from_hex(hex: &str) -> Result<CipherKeys, StorageError> {
        let mut secret = decode_hex_key(hex)?;
        let derived = Self::derive(&secret).await;
        secret.zeroize();
        derived
    }

    async fn derive(secret: &[u8]) -> Result<CipherKeys, StorageError> {
        let subtle = subtle()?;
        let raw = Uint8Array::from(secret);
        let base = promise(subtle.import_key_with_str("raw", &raw, "HKDF", false, &usages(&["deriveKey"]))).await?;
        let base: CryptoKey = base.unchecked_into();
        let hkdf = |info: &str| {
            params(&[
                ("name", "HKDF".into()),
                ("hash", "SHA-256".into()),
                ("salt", Uint8Array::new_with_length(0).into()),
                ("info", Uint8Array::from(info.as_bytes()).into()),
            ])
        };
        let aes_type = params(&[("name", "AES-GCM".into()), ("length", 256.into())])?;
        let aes = promise(subtle.derive_key_with_object_and_object(
            &hkdf("samtal cache values")?,
            &base,
            &aes_type,
            false,
            &usages(&["encrypt", "decrypt"]),
        ))
        .await?;
        let hmac_type = params(&[("name", "HMAC".into()), ("hash", "SHA-256".into()), ("length", 256.into())])?;
        let hmac = promise(subtle.derive_key_with_object_and_object(
            &hkdf("samtal cache keys")?,
            &base,
            &hmac_type,
            false,
            &usages(&["sign"]),
        ))
        .await?;
        let mut tagged = b"samtal cache key id:".to_vec();
        tagged.extend_from_slice(secret);
        let digest = promise(subtle.digest_with_str_and_u8_array("SHA-256", &tagged)).await;
        tagged.zeroize();
        Ok(CipherKeys {
            aes: aes.unchecked_into(),
            hmac: hmac.unchecked_into(),
            fingerprint: to_hex(&bytes_of(digest?)),
        })
    }
}

impl Cipher {
    /// A cipher with these keys.
    pub fn new(keys: CipherKeys) -> Self {
        Self { keys }
    }

    /// The keys, to store beside the data they protect.
    pub fn keys(&self) -> &CipherKeys {
        &self.keys
    }

    /// Encrypts `plaintext`: a fresh random nonce, then the ciphertext and tag.
    pub async fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, StorageError> {
        let window = web_sys::window().ok_or_else(|| crypto_error("no window"))?;
        let crypto = window.crypto().map_err(|_| crypto_error("WebCrypto is not available"))?;
        let mut nonce = [0u8; NONCE_LEN];
        crypto.get_random_values_with_u8_array(&mut nonce).map_err(js_error)?;
        let algorithm = params(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(&nonce[..]).into())])?;
        let sealed =
            promise(crypto.subtle().encrypt_with_object_and_u8_array(&algorithm, &self.keys.aes, plaintext)).await?;
        let mut out = nonce.to_vec();
        out.extend(bytes_of(sealed));
        Ok(out)
    }

    /// Decrypts what [`Cipher::seal`] made; fails on a wrong key or tampering.
    pub async fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, StorageError> {
        if sealed.len() < NONCE_LEN {
            return Err(crypto_error("a sealed value is too short"));
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let algorithm = params(&[("name", "AES-GCM".into()), ("iv", Uint8Array::from(nonce).into())])?;
        let opened = promise(subtle()?.decrypt_with_object_and_u8_array(&algorithm, &self.keys.aes, body)).await?;
        Ok(bytes_of(opened))
    }

    /// The key a record of `store` is kept under: HMAC of the store's name and
    /// `key`, so equal keys in different stores don't match and no key says
    /// what it names.
    pub async fn hash_key(&self, store: StoreName, key: &str) -> Result<String, StorageError> {
        let mut input = store.as_str().as_bytes().to_vec();
        input.push(0);
        input.extend_from_slice(key.as_bytes());
        let mac = promise(subtle()?.sign_with_str_and_u8_array("HMAC", &self.keys.hmac, &input)).await?;
        Ok(to_hex(&bytes_of(mac)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_keys_are_exactly_32_bytes() {
        let hex = "00ff".repeat(16);
        assert_eq!(decode_hex_key(&hex).map(|k| k.len()), Ok(32));
        assert_eq!(to_hex(&decode_hex_key(&hex).unwrap_or_default()), hex);
        assert!(decode_hex_key("abc").is_err());
        assert!(decode_hex_key(&"zz".repeat(32)).is_err());
    }
}
