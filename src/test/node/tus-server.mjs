// The tus Node.js server as it ships, for the tests: no code between the HTTP server and tus.
// Usage: node tus-server.mjs file <directory>
//        node tus-server.mjs s3 <endpoint> <bucket>   (keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)
// Listens on 127.0.0.1 on a free port and prints "listening <port>" once it accepts requests.
import http from 'node:http'
import { Server } from '@tus/server'

const [kind, ...args] = process.argv.slice(2)

async function datastore() {
  if (kind === 'file') {
    const { FileStore } = await import('@tus/file-store')
    return new FileStore({ directory: args[0] })
  }
  if (kind === 's3') {
    const { S3Store } = await import('@tus/s3-store')
    return new S3Store({
      partSize: 5 * 1024 * 1024,
      // S3Proxy keeps no object tags
      useTags: false,
      s3ClientConfig: {
        endpoint: args[0],
        bucket: args[1],
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: {
          accessKeyId: process.env.AWS_ACCESS_KEY_ID,
          secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
        },
      },
    })
  }
  throw new Error('usage: tus-server.mjs file <dir> | s3 <endpoint> <bucket>')
}

const tus = new Server({ path: '/files', datastore: await datastore() })
const server = http.createServer((req, res) => tus.handle(req, res))
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`))
